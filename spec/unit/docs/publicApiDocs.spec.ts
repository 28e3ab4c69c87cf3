import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';

/**
 * The docs check. What it enforces:
 * - every entry point names its TypeDoc module (`@module lakefs-rx`, `lakefs-rx/node`, `/server`, `/angular`);
 * - every public method and accessor of the classes below has a TSDoc summary and an `@example`, and every
 *   one that returns an Observable (its errors arrive through it) a `@throws` naming what it fails with;
 * - every field of the models in src/models/models.ts has a description.
 * Gaps that predate the check are listed in docsBaseline.txt: a new gap fails, and so does a listed gap
 * that was fixed (delete its line), so the list only shrinks.
 */
const ROOT = resolve(__dirname, '../../..');

const CLASSES: Record<string, string> = {
  LakeFS: 'src/client.ts',
  Repository: 'src/resources/Repository.ts',
  Reference: 'src/resources/Reference.ts',
  Branch: 'src/resources/Branch.ts',
  StoredObject: 'src/resources/StoredObject.ts',
  WriteableObject: 'src/resources/WriteableObject.ts',
  ImportManager: 'src/resources/ImportManager.ts',
};

const ENTRIES: Record<string, string> = {
  'src/index.ts': 'lakefs-rx',
  'src/node/index.ts': 'lakefs-rx/node',
  'src/server/index.ts': 'lakefs-rx/server',
  'src/angular/index.ts': 'lakefs-rx/angular',
};

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.ES2022, true);
}

/** The TSDoc comments directly attached to a node. */
function docsOf(node: ts.Node): ts.JSDoc[] {
  return ts.getJSDocCommentsAndTags(node).filter((doc): doc is ts.JSDoc => ts.isJSDoc(doc));
}

function isPublic(member: ts.ClassElement): boolean {
  const modifiers = ts.canHaveModifiers(member) ? (ts.getModifiers(member) ?? []) : [];
  if (
    modifiers.some(
      (m) => m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword,
    )
  )
    return false;
  return member.name !== undefined && !ts.isPrivateIdentifier(member.name);
}

/** Every documentation gap of the classes' public methods, as `Class.member: missing …`. */
function methodGaps(): string[] {
  const gaps: string[] = [];
  for (const [className, file] of Object.entries(CLASSES)) {
    const source = parse(file);
    const declaration = source.statements.find(
      (s): s is ts.ClassDeclaration => ts.isClassDeclaration(s) && s.name?.text === className,
    );
    if (!declaration) throw new Error(`${file} no longer declares class ${className}`);
    // overloads: the tags of all declarations of a name count together
    const byName = new Map<string, { docs: ts.JSDoc[]; observable: boolean }>();
    for (const member of declaration.members) {
      if (!(ts.isMethodDeclaration(member) || ts.isGetAccessorDeclaration(member)) || !isPublic(member))
        continue;
      const name = member.name.getText(source);
      const entry = byName.get(name) ?? { docs: [], observable: false };
      entry.docs.push(...docsOf(member));
      if (member.type && /^Observable</.test(member.type.getText(source))) entry.observable = true;
      byName.set(name, entry);
    }
    for (const [name, { docs, observable }] of byName) {
      const id = `${className}.${name}`;
      const tags = docs.flatMap((doc) => [...(doc.tags ?? [])].map((tag) => tag.tagName.text));
      const summary = docs.some((doc) => ts.getTextOfJSDocComment(doc.comment)?.trim());
      if (!summary) gaps.push(`${id}: missing summary`);
      if (!tags.includes('example')) gaps.push(`${id}: missing @example`);
      if (observable && !tags.includes('throws')) gaps.push(`${id}: missing @throws`);
    }
  }
  return gaps;
}

/** Every model field without a description, as `Model.field: missing description`. */
function modelGaps(): string[] {
  const source = parse('src/models/models.ts');
  const gaps: string[] = [];
  for (const statement of source.statements) {
    if (!ts.isInterfaceDeclaration(statement)) continue;
    for (const member of statement.members) {
      if (!ts.isPropertySignature(member)) continue;
      const described = docsOf(member).some((doc) => ts.getTextOfJSDocComment(doc.comment)?.trim());
      if (!described) gaps.push(`${statement.name.text}.${member.name.getText(source)}: missing description`);
    }
  }
  return gaps;
}

const baseline = readFileSync(join(__dirname, 'docsBaseline.txt'), 'utf8')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line !== '' && !line.startsWith('#'));

describe('the public API documentation', () => {
  it('names a TypeDoc module in every entry point', () => {
    const names = Object.fromEntries(
      Object.keys(ENTRIES).map((file) => [
        file,
        /@module\s+(\S+)/.exec(readFileSync(join(ROOT, file), 'utf8'))?.[1],
      ]),
    );
    expect(names).toEqual(ENTRIES);
  });

  it('documents every public method of the resource classes and every model field (no new gaps)', () => {
    const gaps = [...methodGaps(), ...modelGaps()];
    expect(gaps.filter((gap) => !baseline.includes(gap))).toEqual([]);
  });

  it('lists in docsBaseline.txt only gaps that still exist (delete the lines of fixed ones)', () => {
    const gaps = new Set([...methodGaps(), ...modelGaps()]);
    expect(baseline.filter((gap) => !gaps.has(gap))).toEqual([]);
  });
});
