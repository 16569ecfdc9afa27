# the row for male, age 1, 2016-2018 repeated
4p
