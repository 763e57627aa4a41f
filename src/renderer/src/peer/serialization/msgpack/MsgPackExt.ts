/**
 * A msgpack extension value of a type we do not interpret (all but -1, the timestamp), as
 * @msgpack/msgpack's ExtData: decoded into one, and encoded from one.
 */
export class MsgPackExt {
  constructor(
    /** Extension type, -128…127. */
    readonly type: number,
    readonly data: Uint8Array,
  ) {}
}
