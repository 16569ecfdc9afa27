# a hand-edited base-year value (7493 -> 7494): totals no longer match sources.toml
2s/,7493\.000\r$/,7494.000\r/
