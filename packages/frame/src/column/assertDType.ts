import { isDType, type DType } from './Column';
import { SchemaError } from '../errors/errors';
import { messages } from '../errors/messages';

/** Throws a SchemaError naming `where` unless `value` is a dtype (checks user-supplied schemas). */
export function assertDType(where: string, value: unknown): asserts value is DType {
  if (!isDType(value)) throw new SchemaError(messages.unknownDType(where, value));
}
