/**
 * Rewrites modules from classic zod (methods: `z.string().min(1)`) to
 * `zod/mini` (functions and checks: `z.string().check(z.minLength(1))`), the
 * same library built so a bundle carries only what it uses (issue 16).
 * Each classic method is replaced by what classic zod itself runs for it
 * (node_modules/zod/v4/classic/schemas.js), so parsing, issues and messages
 * stay the same. The schemas' types come from the type checker: `.min` is
 * `minLength` on a string or an array and `gte` on a number.
 *
 *   npx tsx bench/tools/zod-mini-codemod.ts functions/a.ts functions/b.ts …
 *
 * For a merge that brings classic zod back into a converted module: take the
 * other side's version and run this on it. What it cannot rewrite it names
 * with file and line, and leaves for a hand.
 */
import { writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(import.meta.dirname, '../..');
/** The module every converted file imports zod from: zod/mini with zod's English messages. */
const ZOD_MODULE = resolve(ROOT, 'functions/shared/zod.ts');

const files = process.argv.slice(2).map((f) => resolve(f));
const config = ts.getParsedCommandLineOfConfigFile(resolve(ROOT, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
const program = ts.createProgram(files, config.options);
const checker = program.getTypeChecker();
const problems = new Set<string>();

/** The classic schema class a value is, or undefined when it is no zod schema. */
function zodClass(expr: ts.Expression): string | undefined {
  const type = checker.getTypeAtLocation(expr);
  const symbol = type.getSymbol() ?? type.aliasSymbol;
  const decl = symbol?.declarations?.[0];
  if (!decl || !decl.getSourceFile().fileName.includes('/node_modules/zod/')) return undefined;
  // `z` itself: z.string() is a function of the namespace, not a method.
  if (symbol!.flags & ts.SymbolFlags.ValueModule) return undefined;
  // Classic schema classes are Zod*; the rest (a refinement's context, say) keep their methods.
  return symbol!.name.startsWith('Zod') ? symbol!.name : undefined;
}

const NUMBER = /Number|Int|Float/;
const ARRAY = /Array|Set/;

/** Methods mini schemas have too. */
const KEPT = new Set(['parse', 'safeParse', 'parseAsync', 'safeParseAsync', 'check', 'brand', 'register', 'clone', 'decode', 'encode']);

interface Chain {
  base: string;
  checks: string[];
}
const render = (c: Chain) => (c.checks.length ? `${c.base}.check(${c.checks.join(', ')})` : c.base);

function where(node: ts.Node): string {
  const sf = node.getSourceFile();
  const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
  return `${relative(ROOT, sf.fileName)}:${line + 1}`;
}

/** A zod method call as a chain of base and checks, or undefined when the node is none. */
function chainOf(node: ts.Node): Chain | undefined {
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return undefined;
  const recv = node.expression.expression;
  const name = node.expression.name.text;
  const cls = zodClass(recv);
  if (!cls || KEPT.has(name)) return undefined;
  const inner: Chain = chainOf(recv) ?? { base: rewrite(recv), checks: [] };
  const args = node.arguments.map((a) => rewrite(a));
  const a = args.join(', ');
  const check = (c: string): Chain => ({ base: inner.base, checks: [...inner.checks, c] });
  const wrap = (fn: string, extra: string[] = args): Chain => ({ base: `z.${fn}(${[render(inner), ...extra].join(', ')})`, checks: [] });
  const kind = NUMBER.test(cls) ? 'number' : ARRAY.test(cls) ? 'array' : 'string';
  switch (name) {
    case 'min':
      return check(kind === 'number' ? `z.gte(${a})` : `z.minLength(${a})`);
    case 'max':
      return check(kind === 'number' ? `z.lte(${a})` : `z.maxLength(${a})`);
    case 'gte':
    case 'lte':
    case 'gt':
    case 'lt':
    case 'positive':
    case 'nonnegative':
    case 'negative':
    case 'nonpositive':
    case 'multipleOf':
    case 'length':
    case 'regex':
    case 'startsWith':
    case 'endsWith':
    case 'includes':
    case 'lowercase':
    case 'uppercase':
    case 'trim':
    case 'toLowerCase':
    case 'toUpperCase':
    case 'normalize':
    case 'refine':
    case 'superRefine':
    case 'describe':
    case 'meta':
      return check(`z.${name}(${a})`);
    case 'int':
    case 'email':
    case 'url':
    case 'uuid':
      return check(`z.${name}(${a})`);
    case 'nonempty':
      return check(`z.minLength(${['1', ...args].join(', ')})`);
    case 'optional':
    case 'nullable':
    case 'nullish':
    case 'array':
    case 'catch':
    case 'pipe':
    case 'extend':
    case 'pick':
    case 'omit':
    case 'partial':
    case 'required':
    case 'keyof':
    case 'readonly':
    case 'nonoptional':
    case 'prefault':
      return wrap(name);
    case 'default':
      return wrap('_default');
    case 'transform':
      return { base: `z.pipe(${render(inner)}, z.transform(${a}))`, checks: [] };
    case 'or':
      return { base: `z.union([${render(inner)}, ${a}])`, checks: [] };
    case 'and':
      return { base: `z.intersection(${render(inner)}, ${a})`, checks: [] };
    default:
      problems.add(`${where(node)}: .${name}() on ${cls} left as it is`);
      return undefined;
  }
}

/** `z.preprocess(fn, schema)` is, in classic zod, a pipe from a transform into the schema; mini has no preprocess. */
function preprocessOf(node: ts.Node): string | undefined {
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return undefined;
  if (node.expression.name.text !== 'preprocess' || node.expression.expression.getText() !== 'z') return undefined;
  const [fn, schema] = node.arguments.map((a) => rewrite(a));
  return `z.pipe(z.transform(${fn}), ${schema})`;
}

/** The node's source text with every zod call inside rewritten. */
function rewrite(node: ts.Node): string {
  const chain = chainOf(node);
  if (chain) return render(chain);
  const pre = preprocessOf(node);
  if (pre !== undefined) return pre;
  const sf = node.getSourceFile();
  const text = sf.text;
  let out = '';
  let pos = node.getStart(sf);
  node.forEachChild((child) => {
    const start = child.getStart(sf);
    out += text.slice(pos, start) + rewrite(child);
    pos = child.end;
  });
  return out + text.slice(pos, node.end);
}

for (const file of files) {
  const sf = program.getSourceFile(file)!;
  const imports = sf.statements.filter((s): s is ts.ImportDeclaration => ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier) && s.moduleSpecifier.text === 'zod');
  if (!imports.length) continue;
  let out = '';
  let pos = 0;
  for (const s of sf.statements) {
    const start = s.getStart(sf);
    out += sf.text.slice(pos, start);
    if (imports.includes(s as ts.ImportDeclaration)) {
      let spec = relative(dirname(file), ZOD_MODULE).replace(/\.ts$/, '.js');
      if (!spec.startsWith('.')) spec = `./${spec}`;
      const typeOnly = (s as ts.ImportDeclaration).importClause?.isTypeOnly;
      out += `import ${typeOnly ? 'type ' : ''}* as z from '${spec}';`;
    } else out += rewrite(s);
    pos = s.end;
  }
  out += sf.text.slice(pos);
  if (file === ZOD_MODULE) continue;
  writeFileSync(file, out);
  console.log(`rewrote ${relative(ROOT, file)}`);
}
if (problems.size) {
  console.error([...problems].join('\n'));
  process.exitCode = 1;
}
