-- The dashboard's rollup datasets are summed in one pass over a file of the
-- rollup's columns (DATA_DIR/jobs/<id>/rollup.columns, written by the worker,
-- lib/queries/rollup-columns.ts) whatever the filters; the slices that
-- answered some requests from SQL are no longer read.
-- DropTable
DROP TABLE "RollupSlice";

-- DropTable
DROP TABLE "ProductSlice";
