# thousands separator in a quoted number: "7,493.000"
2s/,7493\.000\r$/,"7,493.000"\r/
