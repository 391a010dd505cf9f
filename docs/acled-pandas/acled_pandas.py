"""A pandas session an analyst runs on an ACLED download, unchanged on Tally's CSV export.

    python3 docs/acled-pandas/acled_pandas.py FILE.csv

It uses only ACLED's own columns: filters by interaction code, groups by region and admin1, sums
fatalities, parses event_date, and reads timestamp as Unix time. Run on
docs/acled-pandas/acled-shaped-fixture.csv (fictional rows in ACLED's layout) and on
`tally export --format csv` (test/export/acled-columns.test.ts runs both). It prints one summary
line per step and exits 1 when a column ACLED scripts rely on is missing or mistyped.
"""
import sys

import pandas as pd

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
]


def main(path):
    df = pd.read_csv(path)
    missing = [c for c in ACLED_COLUMNS if c not in df.columns]
    if missing:
        print(f"{path}: missing ACLED columns {missing}", file=sys.stderr)
        return 1
    if list(df.columns[: len(ACLED_COLUMNS)]) != ACLED_COLUMNS:
        print(f"{path}: ACLED columns out of order: {list(df.columns[: len(ACLED_COLUMNS)])}", file=sys.stderr)
        return 1
    for column in ("fatalities", "timestamp", "time_precision", "geo_precision"):
        if not pd.api.types.is_integer_dtype(df[column]):
            print(f"{path}: {column} is {df[column].dtype}, not integers", file=sys.stderr)
            return 1

    df["event_date"] = pd.to_datetime(df["event_date"], format="%Y-%m-%d")
    df["changed"] = pd.to_datetime(df["timestamp"], unit="s", utc=True)
    print(f"events: {len(df)}, {df.event_date.min():%Y-%m-%d} to {df.event_date.max():%Y-%m-%d}")

    against_civilians = df[df.interaction.isin([17, 27, 37, 47, 78])]
    print(f"events against civilians (interaction x7): {len(against_civilians)}, fatalities {int(against_civilians.fatalities.sum())}")

    by_area = df.groupby(["region", "admin1"], dropna=False)["fatalities"].sum().sort_values(ascending=False)
    for (region, admin1), fatalities in by_area.items():
        print(f"{region} / {admin1}: {int(fatalities)}")

    monthly = df.set_index("event_date").resample("MS")["fatalities"].sum()
    print(f"months with events: {int((monthly > 0).sum())}; total fatalities {int(df.fatalities.sum())}")
    print(f"last change: {df.changed.max():%Y-%m-%dT%H:%M:%SZ}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
