# inf as a population
6s/,[0-9.]*\r$/,inf\r/
