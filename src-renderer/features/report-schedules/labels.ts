/** Index 1 = Monday … 7 = Sunday, as the schedules store them. */
export const weekdayNames = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
