# lx of 1e300 survivors (a radix of 100,000)
2s/,100000,426\.8,/,1e300,426.8,/
