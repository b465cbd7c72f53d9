declare module "@met4citizen/headaudio/modules/processor.mjs" {
  export interface ProcessorMessage {
    event: string;
    viseme?: number;
    t?: number;
    distances?: ArrayLike<number>;
  }
  export class Processor {
    constructor(
      options: { sampleRate: number; processorOptions?: Record<string, unknown>; parameterData?: Record<string, unknown> },
      worklet: { port: { postMessage: (message: ProcessorMessage) => void } },
    );
    classifier: {
      import(data: { model: unknown[] }): void;
      prototypes: Array<{ viseme: number }>;
    };
    process(samples: Float32Array): void;
  }
}

declare module "@met4citizen/headaudio/modules/training.mjs" {
  export class Training {
    constructor(options: Record<string, unknown>);
    decodeBinaryRecord(record: Float32Array): unknown;
  }
}

declare module "@met4citizen/headaudio/modules/parameters.mjs" {
  export const RECORD_OFFSET: number;
  export const RECORD_LEN: number;
  export const MODEL_VISEMES_N: number;
}
