# a 2035 cell changed by 50 people, inside the published totals: a real change the shipped calibration was not fitted on
1055s/,8243\.499\r$/,8293.499\r/
