import type { BulkResult } from '../bulk';
import type { ClientCostResult } from '../clientCost';
import type { ListingResult } from '../listing';
import type { ListingHeapResult } from '../listingHeap';
import type { OverheadResult } from '../requestOverhead';
import type { CyclesResult } from '../subscribe-cycles';
import type { TransferSummary } from '../transfer';
import type { BenchConfig } from './config';
import type { MachineInfo } from './machine';
import type { S3GatewayResult } from '../s3Gateway';

/** Everything one `npm run bench` measured; sections not run are absent. */
export interface RunResults {
  readonly config: BenchConfig;
  readonly machine: MachineInfo;
  readonly target: 'local' | 'lakefs';
  readonly startedAt: string;
  readonly durationMs: number;
  /** 1-minute load average at the start and the end (other work on the machine). */
  readonly load: { readonly start: number; readonly end: number };
  readonly listing?: ListingResult;
  readonly heap?: ListingHeapResult;
  readonly overhead?: OverheadResult;
  readonly clientCost?: ClientCostResult;
  readonly transfer?: TransferSummary;
  readonly bulk?: BulkResult;
  /** Bulk again, with latency added to every API request. */
  readonly bulkLatency?: BulkResult;
  readonly cycles?: CyclesResult;
  readonly s3?: S3GatewayResult;
}
