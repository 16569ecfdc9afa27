# Excel #N/A in the population column
3s/,7241\.348\r$/,#N\/A\r/
