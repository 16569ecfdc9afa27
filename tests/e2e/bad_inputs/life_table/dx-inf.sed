# inf in dx
2s/,426\.8,/,inf,/
