# thousands separator, unquoted: 7,493.000 splits into two fields
2s/,7493\.000\r$/,7,493.000\r/
