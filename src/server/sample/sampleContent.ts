import { encodePng } from './encodePng';
import { writeParquet } from './writeParquet';

/** One file of the sample repository. */
export interface SampleFile {
  readonly path: string;
  readonly content: Buffer;
}

// The shape clients' tests rely on (lakefs-spec's suite counts them): at the root a README, `lakes.parquet`
// (at least 512 KiB), `data/` holding exactly one file and `images/` holding 29 PNGs; more than 1 MiB in
// all. The content is ours: a synthetic table and generated pictures, the same bytes on every run.
const LAKE_ROWS = 8000;
const IMAGES = 29;
const IMAGE_WIDTH = 160;
const IMAGE_HEIGHT = 100;

let fixed: readonly SampleFile[] | undefined;

/**
 * The sample files for a new repository, generated on first use and then kept (about 1.7 MB).
 * @param repo - the repository the README introduces
 * @returns the files in path order
 */
export function sampleFiles(repo: {
  readonly id: string;
  readonly defaultBranch: string;
}): readonly SampleFile[] {
  fixed ??= [
    { path: 'data/lakes.source.md', content: Buffer.from(SOURCE) },
    ...Array.from({ length: IMAGES }, (_, i) => ({
      path: `images/shore-${String(i + 1).padStart(2, '0')}.png`,
      content: picture(i),
    })),
    { path: 'lakes.parquet', content: lakesTable() },
  ];
  return [{ path: 'README.md', content: Buffer.from(readme(repo.id, repo.defaultBranch)) }, ...fixed];
}

function readme(repository: string, branch: string): string {
  return `# ${repository}

A sample repository made by the lakefs-rx local server, to try data version control on.

| path | what it holds |
|---|---|
| \`lakes.parquet\` | ${LAKE_ROWS} invented lakes: id, name, country, kind, position, area, depth, elevation |
| \`data/lakes.source.md\` | how that table was made |
| \`images/\` | ${IMAGES} generated pictures |

Things to try, starting on \`${branch}\`:

1. Create a branch from \`${branch}\` and query \`lakes.parquet\` on it (pandas, polars and DuckDB read it
   through lakefs-spec as \`lakefs://${repository}/<branch>/lakes.parquet\`).
2. Change or delete something on the branch, look at the uncommitted changes, and commit them.
3. Compare the branch with \`${branch}\`, then merge it back, or revert the commit if you change your mind.
`;
}

const SOURCE = `# lakes.parquet

Synthetic data: every row is drawn from a seeded pseudo-random generator, so the file is the same on every
server and every run. Names are made of invented syllables; the countries are real but the lakes are not.
Columns: \`lake_id\` (int64), \`name\`, \`country\`, \`kind\` (strings), \`latitude\`, \`longitude\`,
\`area_km2\`, \`max_depth_m\` (doubles) and \`elevation_m\` (int64).
`;

// mulberry32: a tiny seeded generator; the sample only needs repeatability, not quality.
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = [
  'ka',
  'lo',
  'mir',
  'en',
  'tu',
  'vash',
  'sel',
  'dor',
  'an',
  'bri',
  'cas',
  'el',
  'fen',
  'gar',
];
const MORE = [
  'hol',
  'ith',
  'jor',
  'kel',
  'lun',
  'mar',
  'nor',
  'ost',
  'pel',
  'quin',
  'ros',
  'tam',
  'ul',
  'wyn',
];
const WATERS = ['Lake', 'Loch', 'Mere', 'Tarn', 'Reservoir', 'Pond'];
const KINDS = ['freshwater', 'saline', 'reservoir', 'glacial', 'crater', 'oxbow'];
const COUNTRIES = ['Canada', 'Finland', 'Sweden', 'Norway', 'Russia', 'Chile', 'Argentina', 'Kenya', 'Peru'];
const MORE_COUNTRIES = ['Mongolia', 'New Zealand', 'Scotland', 'Iceland', 'Uganda', 'Tanzania', 'Italy'];

function lakesTable(): Buffer {
  const next = generator(15);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;
  const syllables = [...SYLLABLES, ...MORE];
  const countries = [...COUNTRIES, ...MORE_COUNTRIES];
  const rows = Array.from({ length: LAKE_ROWS }, (_, i) => {
    const word = Array.from({ length: 2 + Math.floor(next() * 2) }, () => pick(syllables)).join('');
    return {
      id: i + 1,
      name: `${pick(WATERS)} ${word.charAt(0).toUpperCase()}${word.slice(1)}`,
      country: pick(countries),
      kind: pick(KINDS),
      latitude: round(next() * 140 - 60, 5),
      longitude: round(next() * 360 - 180, 5),
      area: round(Math.exp(next() * 10), 2),
      depth: round(1 + next() ** 2 * 900, 1),
      elevation: Math.floor(next() * 4500) - 30,
    };
  });
  return writeParquet([
    { name: 'lake_id', type: 'int64', values: rows.map((r) => r.id) },
    { name: 'name', type: 'string', values: rows.map((r) => r.name) },
    { name: 'country', type: 'string', values: rows.map((r) => r.country) },
    { name: 'kind', type: 'string', values: rows.map((r) => r.kind) },
    { name: 'latitude', type: 'double', values: rows.map((r) => r.latitude) },
    { name: 'longitude', type: 'double', values: rows.map((r) => r.longitude) },
    { name: 'area_km2', type: 'double', values: rows.map((r) => r.area) },
    { name: 'max_depth_m', type: 'double', values: rows.map((r) => r.depth) },
    { name: 'elevation_m', type: 'int64', values: rows.map((r) => r.elevation) },
  ]);
}

// A shore at dusk: sky, a ridge line and water, each picture in its own light, with grain.
function picture(index: number): Buffer {
  const next = generator(1000 + index);
  const hue = (index / IMAGES) * Math.PI * 2;
  const sky = [150 + 90 * Math.cos(hue), 150 + 90 * Math.cos(hue + 2.1), 150 + 90 * Math.cos(hue + 4.2)];
  const phase = next() * 10;
  const rgb = new Uint8Array(IMAGE_WIDTH * IMAGE_HEIGHT * 3);
  for (let y = 0; y < IMAGE_HEIGHT; y++) {
    for (let x = 0; x < IMAGE_WIDTH; x++) {
      const ridge = 45 + 12 * Math.sin(x / 17 + phase) + 6 * Math.sin(x / 5 + phase * 3);
      const water = y > 62;
      const land = !water && y > ridge;
      for (let c = 0; c < 3; c++) {
        const base = sky[c] as number;
        const shade = water ? base * 0.45 + 20 * Math.sin(y * 1.3 + x / 9) : land ? base * 0.25 : base - y;
        const grain = (next() - 0.5) * 48;
        rgb[(y * IMAGE_WIDTH + x) * 3 + c] = Math.max(0, Math.min(255, Math.round(shade + grain)));
      }
    }
  }
  return encodePng(IMAGE_WIDTH, IMAGE_HEIGHT, rgb);
}
