import { sampleFiles } from '../../../../src/server/sample/sampleContent';

// The layout clients' own tests count on (lakefs-spec: 4 root entries, one file in data/, 29 images,
// lakes.parquet ≥ 512 KiB, more than 1 MiB in all).
describe('sampleFiles', () => {
  const files = sampleFiles({ id: 'my-repo', defaultBranch: 'trunk' });
  const paths = files.map((f) => f.path);

  it('has a README, lakes.parquet, one file in data/ and 29 PNGs in images/', () => {
    expect(new Set(paths.map((p) => p.split('/')[0]))).toEqual(
      new Set(['README.md', 'data', 'images', 'lakes.parquet']),
    );
    expect(paths.filter((p) => p.startsWith('data/'))).toEqual(['data/lakes.source.md']);
    const images = files.filter((f) => f.path.startsWith('images/'));
    expect(images).toHaveLength(29);
    for (const image of images) {
      expect(image.path).toMatch(/\.png$/);
      expect(image.content.subarray(1, 4).toString()).toBe('PNG');
    }
  });

  it('is large enough: lakes.parquet ≥ 512 KiB, more than 1 MiB in all', () => {
    const parquet = files.find((f) => f.path === 'lakes.parquet')?.content ?? Buffer.alloc(0);
    expect(parquet.length).toBeGreaterThanOrEqual(512 * 1024);
    expect(parquet.subarray(0, 4).toString()).toBe('PAR1');
    expect(files.reduce((sum, f) => sum + f.content.length, 0)).toBeGreaterThan(1024 * 1024);
  });

  it('introduces the repository and its default branch in the README', () => {
    const readme = files.find((f) => f.path === 'README.md')?.content.toString() ?? '';
    expect(readme).toContain('# my-repo');
    expect(readme).toContain('`trunk`');
  });

  it('is the same bytes every time (generated once, deterministically)', () => {
    const again = sampleFiles({ id: 'my-repo', defaultBranch: 'trunk' });
    expect(
      again.map((f) => f.content.equals(files.find((g) => g.path === f.path)?.content ?? Buffer.alloc(0))),
    ).toEqual(again.map(() => true));
  });
});
