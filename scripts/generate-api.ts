/**
 * Generates src/api/generated/ from the lakeFS OpenAPI spec.
 *   npx tsx scripts/generate-api.ts          writes the files
 *   npx tsx scripts/generate-api.ts --check  fails when the committed files differ from the output
 */
import { readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as prettier from 'prettier';
import { findSpec } from './openapi/findSpec';
import { GENERATED_DIR, generateApi } from './openapi/generate';

async function main(): Promise<void> {
  const root = resolve(__dirname, '..');
  const spec = findSpec(root);
  if (!spec) throw new Error('lakeFS OpenAPI spec not found; set LAKEFS_OPENAPI_SPEC');
  const config = (await prettier.resolveConfig(join(root, 'src/index.ts'))) ?? {};
  const files = await generateApi(readFileSync(spec, 'utf8'), config);
  const dir = join(root, GENERATED_DIR);
  if (process.argv.includes('--check')) {
    const stale = [...files].filter(([p, c]) => {
      try {
        return readFileSync(join(root, p), 'utf8') !== c;
      } catch {
        return true;
      }
    });
    const extra = readdirSync(dir).filter((f) => !files.has(`${GENERATED_DIR}/${f}`));
    if (stale.length > 0 || extra.length > 0) {
      console.error(`out of date: ${[...stale.map(([p]) => p), ...extra].join(', ')}`);
      process.exit(1);
    }
    console.log(`${files.size} generated files are current`);
    return;
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [p, c] of files) writeFileSync(join(root, p), c);
  console.log(`wrote ${files.size} files to ${GENERATED_DIR}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
