# ex pasted without its decimal point (7948 years)
2s/,79\.48\r$/,7948\r/
