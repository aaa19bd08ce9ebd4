# Reference fixture for isotonicDecreasing(): R's isoreg (pool-adjacent-violators, increasing) applied to −y.
# Run: Rscript scripts/reference/isotonic.R  → test/fixtures/isotonic.json
suppressMessages(library(jsonlite))
set.seed(20120201)
y <- round(1 - seq(0, 0.8, length.out = 40) + runif(40, -0.08, 0.08), 4)
fit <- -isoreg(-y)$yf
write_json(list(source = "R stats::isoreg on -y", r_version = R.version.string, y = y, fitted = fit),
           "test/fixtures/isotonic.json", digits = NA, auto_unbox = TRUE)
