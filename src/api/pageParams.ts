/**
 * Query parameters every list endpoint takes.
 * @group Client
 */
export interface PageParams {
  prefix?: string;
  after?: string;
  /** Page size, 1–1000 (server default 100). */
  amount?: number;
}
