# line 3 (male, age 0, 2023) repeated
3p
