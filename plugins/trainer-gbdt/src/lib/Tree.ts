/**
 * One regression tree as plain arrays indexed by node id (root = 0). A leaf has `feature = -1`
 * and its output in `value`; a split sends `x <= threshold` left, a missing `x` to
 * `defaultLeft ? left : right`.
 */
export interface Tree {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  /** 1 = missing values go left, 0 = right. */
  defaultLeft: number[];
  value: number[];
}

/** An empty tree to push nodes into. */
export function emptyTree(): Tree {
  return { feature: [], threshold: [], left: [], right: [], defaultLeft: [], value: [] };
}

/** Appends a leaf (later maybe turned into a split) and returns its id. */
export function pushNode(tree: Tree): number {
  tree.feature.push(-1);
  tree.threshold.push(0);
  tree.left.push(-1);
  tree.right.push(-1);
  tree.defaultLeft.push(0);
  tree.value.push(0);
  return tree.feature.length - 1;
}
