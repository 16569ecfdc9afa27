# every row of the base year 2022 deleted
/,2022,[0-9.]*\r$/d
