# Excel #N/A in ex (life expectancy) of the period used
2s/,79\.48\r$/,#N\/A\r/
