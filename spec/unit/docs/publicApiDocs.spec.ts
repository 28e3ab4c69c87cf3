import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';

/**
 * The docs check. What it enforces, with no baseline (every gap fails):
 * - every entry point names its TypeDoc module (`@module lakefs-rx`, `lakefs-rx/node`, `/server`, `/angular`);
 * - every export of every entry point is placed in a TypeDoc group (`@group`) from that entry's list, so
 *   the module pages read client, resources, models, errors, operators instead of one list per kind;
 * - every public method and accessor of the handle classes below has a TSDoc summary and an `@example`,
 *   and every one that returns an Observable (its errors arrive through it) a `@throws` naming what it
 *   fails with;
 * - every field of the models (the interfaces the client emits) has a description.
 */
const ROOT = resolve(__dirname, '../../..');

const CLASSES: Record<string, string> = {
  LakeFS: 'src/client.ts',
  Repository: 'src/resources/Repository.ts',
  Reference: 'src/resources/Reference.ts',
  Branch: 'src/resources/Branch.ts',
  Tag: 'src/resources/Tag.ts',
  StoredObject: 'src/resources/StoredObject.ts',
  WriteableObject: 'src/resources/WriteableObject.ts',
  ImportManager: 'src/resources/ImportManager.ts',
  BranchProtection: 'src/resources/BranchProtection.ts',
  GarbageCollectionRules: 'src/resources/GarbageCollectionRules.ts',
  ActionRuns: 'src/resources/ActionRuns.ts',
  ActionRun: 'src/resources/ActionRuns.ts',
  PullRequests: 'src/resources/PullRequests.ts',
  PullRequestHandle: 'src/resources/PullRequests.ts',
  AuthAdmin: 'src/resources/admin/AuthAdmin.ts',
  UserHandle: 'src/resources/admin/UserHandle.ts',
  GroupHandle: 'src/resources/admin/GroupHandle.ts',
  PolicyHandle: 'src/resources/admin/PolicyHandle.ts',
};

/** The models: files whose exported interfaces are what the client emits; every field needs a description. */
const MODEL_FILES = ['src/models/models.ts', 'src/resources/admin/adminModels.ts'];
/** Emitted shapes declared beside their resource. */
const MODELS_ELSEWHERE: Record<string, string> = {
  ActionRunInfo: 'src/resources/ActionRuns.ts',
  HookRunInfo: 'src/resources/ActionRuns.ts',
  PullRequestInfo: 'src/resources/PullRequests.ts',
  BranchProtectionRules: 'src/resources/BranchProtection.ts',
  GcRules: 'src/resources/GarbageCollectionRules.ts',
};

/** Each entry point: its module name and the groups its exports may be placed in (typedoc.json orders them). */
const ENTRIES: Record<string, { module: string; groups: readonly string[] }> = {
  'src/index.ts': {
    module: 'lakefs-rx',
    groups: ['Client', 'Resources', 'Models', 'Errors', 'Operators'],
  },
  'src/node/index.ts': { module: 'lakefs-rx/node', groups: ['Client', 'Transfers'] },
  'src/server/index.ts': { module: 'lakefs-rx/server', groups: ['Server', 'Faults', 'Errors'] },
  'src/angular/index.ts': { module: 'lakefs-rx/angular', groups: ['Providers', 'Services', 'Transport'] },
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

function fieldGaps(source: ts.SourceFile, model: ts.InterfaceDeclaration): string[] {
  return model.members
    .filter(ts.isPropertySignature)
    .filter((member) => !docsOf(member).some((doc) => ts.getTextOfJSDocComment(doc.comment)?.trim()))
    .map((member) => `${model.name.text}.${member.name.getText(source)}: missing description`);
}

/** Every model field without a description, as `Model.field: missing description`. */
function modelGaps(): string[] {
  const gaps: string[] = [];
  for (const file of MODEL_FILES) {
    const source = parse(file);
    for (const statement of source.statements)
      if (ts.isInterfaceDeclaration(statement)) gaps.push(...fieldGaps(source, statement));
  }
  for (const [name, file] of Object.entries(MODELS_ELSEWHERE)) {
    const source = parse(file);
    const model = source.statements.find(
      (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === name,
    );
    if (!model) throw new Error(`${file} no longer declares interface ${name}`);
    gaps.push(...fieldGaps(source, model));
  }
  return gaps;
}

/** One program over the entry points, to follow each export to its declaration. */
function entryProgram(): ts.Program {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(ROOT, 'tsconfig.src.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  if (!config) throw new Error('tsconfig.src.json did not parse');
  return ts.createProgram({
    rootNames: Object.keys(ENTRIES).map((file) => join(ROOT, file)),
    options: { ...config.options, noEmit: true },
  });
}

/** The `@group` names on a declaration (a `export * as ns` re-export carries its own comment). */
function groupsOf(declaration: ts.Declaration): string[] {
  const commented = ts.isNamespaceExport(declaration) ? declaration.parent : declaration;
  return docsOf(commented)
    .flatMap((doc) => [...(doc.tags ?? [])])
    .filter((tag) => tag.tagName.text === 'group')
    .map((tag) => ts.getTextOfJSDocComment(tag.comment)?.trim() ?? '');
}

/**
 * Every export of every entry point that is in no group of its entry, as `module: Name (file): …`.
 * An export in a group that entry does not list fails too, so a typo cannot open a stray section.
 */
function groupGaps(program: ts.Program): string[] {
  const checker = program.getTypeChecker();
  const gaps: string[] = [];
  for (const [file, { module, groups }] of Object.entries(ENTRIES)) {
    const source = program.getSourceFile(join(ROOT, file));
    const symbol = source && checker.getSymbolAtLocation(source);
    if (!symbol) throw new Error(`${file} is not a module`);
    for (const exported of checker.getExportsOfModule(symbol)) {
      // `export * as wire`: the alias is the namespace export itself, which carries the comment
      const alias = exported.declarations?.find(ts.isNamespaceExport);
      const target = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const declarations = alias ? [alias] : (target.declarations ?? []);
      const found = [...new Set(declarations.flatMap(groupsOf))];
      const where = declarations[0]?.getSourceFile().fileName.slice(ROOT.length + 1) ?? '?';
      if (found.length === 0) gaps.push(`${module}: ${exported.name} (${where}): no @group`);
      for (const group of found.filter((g) => !groups.includes(g)))
        gaps.push(
          `${module}: ${exported.name} (${where}): @group ${group} is not one of ${groups.join(', ')}`,
        );
    }
  }
  return gaps;
}

describe('the public API documentation', () => {
  it('names a TypeDoc module in every entry point', () => {
    const names = Object.fromEntries(
      Object.keys(ENTRIES).map((file) => [
        file,
        /@module\s+(\S+)/.exec(readFileSync(join(ROOT, file), 'utf8'))?.[1],
      ]),
    );
    expect(names).toEqual(
      Object.fromEntries(Object.entries(ENTRIES).map(([file, { module }]) => [file, module])),
    );
  });

  it('places every export of every entry point in one of its groups', () => {
    expect(groupGaps(entryProgram())).toEqual([]);
  }, 60_000);

  it('orders every group of every entry in typedoc.json groupOrder', () => {
    const { groupOrder } = JSON.parse(readFileSync(join(ROOT, 'typedoc.json'), 'utf8')) as {
      groupOrder?: string[];
    };
    const groups = new Set(Object.values(ENTRIES).flatMap((entry) => entry.groups));
    expect([...groups].filter((group) => !groupOrder?.includes(group))).toEqual([]);
  });

  it('documents every public method of the handle classes: summary, @example, @throws', () => {
    expect(methodGaps()).toEqual([]);
  });

  it('describes every model field', () => {
    expect(modelGaps()).toEqual([]);
  });
});
