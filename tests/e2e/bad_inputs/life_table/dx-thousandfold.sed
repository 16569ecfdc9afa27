# dx a thousand times too large
2s/,426\.8,/,426800,/
