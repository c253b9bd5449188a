// A schema as a JSON body is held to it: every object refuses fields it does not know, and nothing
// is coerced (`"port": true` or `[7]` is not a port). The schemas themselves stay lenient because
// forms and query strings, which only carry strings, share them; this is applied at the JSON edge
// only (readJson). It rebuilds the schema from its zod 4 definition (`_zod.def`, the documented
// surface for libraries that walk schemas), keeping every refinement; results are cached.
import { z } from 'zod';

type AnySchema = z.core.$ZodType;
type Def = Record<string, unknown> & { type: string };

const cache = new WeakMap<AnySchema, AnySchema>();

export function strictJson<S extends z.ZodType>(schema: S): S {
  return strict(schema) as S;
}

function strict(schema: AnySchema): AnySchema {
  const cached = cache.get(schema);
  if (cached) return cached;
  const def = schema._zod.def as unknown as Def;
  let next: Def | undefined;
  switch (def.type) {
    case 'object': {
      const shape = def.shape as Record<string, AnySchema>;
      const catchall = def.catchall as AnySchema | undefined;
      next = {
        ...def,
        shape: Object.fromEntries(Object.entries(shape).map(([key, value]) => [key, strict(value)])),
        // An object that says what its other keys may be (z.looseObject, a catchall) keeps it.
        catchall: catchall ? strict(catchall) : z.never(),
      };
      break;
    }
    case 'number':
    case 'boolean':
    case 'bigint':
    case 'date':
    case 'string':
      if (def.coerce) next = { ...def, coerce: false };
      break;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      next = { ...def, innerType: strict(def.innerType as AnySchema) };
      break;
    case 'pipe':
      next = { ...def, in: strict(def.in as AnySchema), out: strict(def.out as AnySchema) };
      break;
    case 'array':
      next = { ...def, element: strict(def.element as AnySchema) };
      break;
    case 'record':
      next = { ...def, valueType: strict(def.valueType as AnySchema) };
      break;
    case 'union':
      next = { ...def, options: (def.options as AnySchema[]).map(strict) };
      break;
    case 'tuple':
      next = {
        ...def,
        items: (def.items as AnySchema[]).map(strict),
        rest: def.rest ? strict(def.rest as AnySchema) : def.rest,
      };
      break;
    // An intersection's sides each know only part of the keys; a lazy schema may recurse: both
    // are left as they are.
  }
  const result = next ? (schema as z.ZodType).clone(next as unknown as z.ZodType['_zod']['def']) : schema;
  cache.set(schema, result);
  return result;
}
