/*
 * Nesting limits checked before anything recursive runs. `JSON.parse` is iterative in V8, but
 * `JSON.stringify`, zod and the converters recurse: a body nested 20,000 levels deep overflows
 * the stack in any of them. These walks use an explicit stack, so they never do.
 */

interface Frame {
  value: unknown;
  depth: number;
  key: string | number | undefined;
  parent: Frame | undefined;
}

function pathOf(frame: Frame): (string | number)[] {
  const path: (string | number)[] = [];
  for (let f: Frame | undefined = frame; f?.key !== undefined; f = f.parent) path.push(f.key);
  return path.reverse();
}

/**
 * The path (keys from the root) of the first array or object nested deeper than `maxDepth`
 * levels in a parsed JSON value, or `undefined` when none is. The root object is depth 1.
 *
 * Every request body is walked here, so the common answer (nothing too deep) is found by
 * `anyTooDeep`, which allocates nothing per node; only a body that fails is walked again, by
 * `firstTooDeep`, for the path of its first offender.
 */
export function findTooDeep(value: unknown, maxDepth: number): (string | number)[] | undefined {
  return anyTooDeep(value, maxDepth) ? firstTooDeep(value, maxDepth) : undefined;
}

/**
 * Whether an array or object of `value` is nested deeper than `maxDepth` (the children
 * `firstTooDeep` walks: array items, own enumerable properties), in whatever order: two stacks of
 * values and depths, and `for...in`, instead of a frame per node and an entries array per object.
 */
function anyTooDeep(value: unknown, maxDepth: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const values: object[] = [value];
  const depths: number[] = [1];
  while (values.length > 0) {
    const v = values.pop() as object;
    const depth = depths.pop() as number;
    if (depth > maxDepth) return true;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i += 1) {
        const item: unknown = v[i];
        if (typeof item === 'object' && item !== null) {
          values.push(item);
          depths.push(depth + 1);
        }
      }
    } else {
      for (const key in v) {
        if (!Object.hasOwn(v, key)) continue;
        const item: unknown = (v as Record<string, unknown>)[key];
        if (typeof item === 'object' && item !== null) {
          values.push(item);
          depths.push(depth + 1);
        }
      }
    }
  }
  return false;
}

/** `findTooDeep` for a value known to have an offender: the first, in document order. */
function firstTooDeep(value: unknown, maxDepth: number): (string | number)[] | undefined {
  const stack: Frame[] = [{ value, depth: 1, key: undefined, parent: undefined }];
  for (let frame = stack.pop(); frame !== undefined; frame = stack.pop()) {
    const v = frame.value;
    if (typeof v !== 'object' || v === null) continue;
    if (frame.depth > maxDepth) return pathOf(frame);
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i -= 1) {
        const item: unknown = v[i];
        if (typeof item === 'object' && item !== null) {
          stack.push({ value: item, depth: frame.depth + 1, key: i, parent: frame });
        }
      }
    } else {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i -= 1) {
        const entry = entries[i];
        if (entry !== undefined && typeof entry[1] === 'object' && entry[1] !== null) {
          stack.push({ value: entry[1], depth: frame.depth + 1, key: entry[0], parent: frame });
        }
      }
    }
  }
  return undefined;
}

/**
 * How deep brackets nest in a JSON text (`{"a":[1]}` is 2), strings skipped. For JSON that
 * travels inside a string (a tool call's `arguments`), checked before anyone parses it.
 */
export function jsonTextDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i += 1; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > deepest) deepest = depth;
    } else if ((c === 0x7d || c === 0x5d) && depth > 0) depth -= 1;
  }
  return deepest;
}
