import { S3Client, type S3ClientConfig as SdkConfig } from '@aws-sdk/client-s3';
import type { TestTarget } from '../../support/testLakeFS';

/**
 * An `@aws-sdk/client-s3` client for the target's S3 gateway, configured by `LakeFS.s3ClientConfig()`;
 * one attempt only, so that a refusal is seen as the server sent it.
 */
export function s3For(target: TestTarget, overrides: Partial<SdkConfig> = {}): S3Client {
  return new S3Client({ ...target.lakefs.s3ClientConfig(), maxAttempts: 1, ...overrides });
}

/** The S3 error an SDK call failed with: its code and HTTP status. */
export async function s3Failure(call: Promise<unknown>): Promise<{ name: string; status?: number }> {
  try {
    await call;
  } catch (error) {
    const e = error as { name: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('the call succeeded');
}

/** Runs `work` over `items` with at most `concurrency` in flight. */
export async function inParallel<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** Reads an SDK body (a Node stream in Node) into one Buffer. */
export async function bodyBytes(body: unknown): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Uint8Array>) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}
