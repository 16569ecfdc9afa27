# the row for male, age 45, 2030 deleted
/,male,45,2030,/d
