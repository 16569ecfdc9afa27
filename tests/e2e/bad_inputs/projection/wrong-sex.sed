# sex label 'Male' instead of 'male'
5s/,male,/,Male,/
