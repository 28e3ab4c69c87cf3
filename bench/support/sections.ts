import { benchBulk } from '../bulk';
import { benchClientCost } from '../clientCost';
import { benchListing } from '../listing';
import { benchListingHeap } from '../listingHeap';
import { benchRequestOverhead } from '../requestOverhead';
import { benchSubscribeCycles } from '../subscribe-cycles';
import { benchTransfer } from '../transfer';

/** Every section a child process can run, by name. */
export const SECTIONS = {
  listing: benchListing,
  listingHeap: benchListingHeap,
  overhead: benchRequestOverhead,
  clientCost: benchClientCost,
  transfer: benchTransfer,
  bulk: benchBulk,
  cycles: benchSubscribeCycles,
};

/** A section's name. */
export type SectionName = keyof typeof SECTIONS;

/** What a section resolves with. */
export type SectionResult<N extends SectionName> = Awaited<ReturnType<(typeof SECTIONS)[N]>>;
