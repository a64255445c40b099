export { DEMO_PASSWORD, demoRecordOf, generateDemoClinic, type DemoOptions, type DemoRecord } from './generate';
export { DEMO_CLINIC_NAME, DEMO_USERNAMES } from './clinic';
export { progressBar } from './progress';
export { Random } from './random';
/** Name lists for other generated data (the import bench's messy file). */
export { commonLastNames, femaleFirstNames, maleFirstNames, otherLastNames, places, streets } from './names';
