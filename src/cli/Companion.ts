/** Something that runs beside the exporter for as long as it does (the demo's simulators) and closes with it. */
export interface Companion {
  close(): Promise<void>;
}
