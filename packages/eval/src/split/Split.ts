/** Row indices of one train/test split (or one fold), each ascending unless a function says otherwise. */
export interface Split {
  train: Int32Array;
  test: Int32Array;
}
