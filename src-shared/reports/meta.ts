/** What every report's document function needs beside the report's output: who it is for and when it was made. */
export interface DocumentMeta {
  clinicName: string;
  /** ISO UTC instant of the run. */
  generatedAt: string;
  /** The clinic's IANA zone, for instants a report shows as dates. */
  timeZone: string;
}
