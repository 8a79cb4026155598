/**
 * Brand on every Frame. `Symbol.for` gives the same symbol in every copy of this package, so
 * `isFrame` still works when two versions end up in one node_modules tree (where instanceof fails).
 */
export const frameBrand: unique symbol = Symbol.for('@mlops/frame.Frame') as never;
