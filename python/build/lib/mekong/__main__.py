"""``python -m mekong``: tools around Mekong's records.

    python -m mekong parquet IN.jsonl OUT.parquet   records (JSON Lines, .gz, or - for stdin) to Parquet
    python -m mekong schema                          the Arrow schema the records are written with
"""
from __future__ import annotations

import argparse
import sys

from .arrow import read_jsonl, write_parquet
from .schema import RecordTypes, binary_schema


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mekong", description="Tools around Mekong's output records.")
    parser.add_argument("--schema-from-binary", action="store_true",
                        help="type the columns by the schema the mekong binary prints, not the packaged copy")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("parquet", help="write mekong run's JSON Lines records as a Parquet file",
                       description="Reads records written by `mekong run` and writes them as Parquet with "
                                   "typed columns (the record schema: numbers are numbers, open parts JSON strings).")
    p.add_argument("input", help="records, JSON Lines (.jsonl, .jsonl.gz, or - for standard input)")
    p.add_argument("output", help="the Parquet file to write")
    p.add_argument("--batch-size", type=int, default=1000, help="records per row group batch (default 1000)")
    p.add_argument("--compression", default="zstd", help="Parquet compression (default zstd)")
    sub.add_parser("schema", help="print the Arrow schema of records")
    args = parser.parse_args(argv)
    types = RecordTypes(binary_schema() if args.schema_from_binary else None)
    if args.command == "parquet":
        n = write_parquet(read_jsonl(args.input), args.output, types, args.batch_size, args.compression)
        print(f"mekong: {n} records written to {args.output}", file=sys.stderr)
    elif args.command == "schema":
        print(types.arrow_schema())
    return 0


if __name__ == "__main__":
    sys.exit(main())
