# NaN as a population
5s/,7391\.395\r$/,NaN\r/
