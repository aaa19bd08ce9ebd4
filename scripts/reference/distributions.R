# Reference values for the distribution functions of the engine (src/meta/normal.ts, studentT.ts, chiSquare.ts),
# computed with R's pnorm/qnorm, pt/qt and pchisq/qchisq (R's pgamma: Morten Welinder's algorithm, accurate in
# both tails to about 1e-15 relative).
# Run: Rscript scripts/reference/distributions.R  → test/fixtures/distributions.json
# Grid: degrees of freedom 1 … 10⁶, x across the bulk and both tails down to probabilities of 1e-300.
suppressMessages(library(jsonlite))

dfs <- c(1, 2, 3, 4, 5, 7.5, 10, 30, 100, 300, 1000, 1500, 1849, 1850, 1851, 1999, 2000, 2001, 2500, 3000,
         4999, 5000, 10000, 30000, 1e5, 3e5, 1e6)
# upper-tail probabilities at which x is placed (x = the quantile), then both tails of the CDF at x are recorded
p_upper <- c(1e-300, 1e-200, 1e-100, 1e-50, 1e-20, 1e-10, 1e-5, 1e-3, 0.025, 0.1, 0.3, 0.5, 0.7, 0.9, 0.975,
             0.999, 1 - 1e-5, 1 - 1e-10)
p_lower <- c(1e-300, 1e-100, 1e-20, 1e-10)
p_quantile <- c(1e-300, 1e-100, 1e-20, 1e-10, 1e-5, 0.001, 0.025, 0.1, 0.5, 0.9, 0.975, 0.999, 1 - 1e-5, 1 - 1e-10)

# x values at which a distribution is evaluated: quantiles at the grid probabilities (both tails), rounded to
# 15 significant digits so that the JSON number is the x that R evaluated
points <- function(q, df) {
  x <- c(q(p_upper, df, lower.tail = FALSE), q(p_lower, df))
  x <- signif(x[is.finite(x)], 15)
  sort(unique(x))
}

chisq <- do.call(rbind, lapply(dfs, function(df) {
  x <- points(qchisq, df)
  x <- x[x > 0]
  data.frame(df = df, x = x, cdf = pchisq(x, df), upper = pchisq(x, df, lower.tail = FALSE))
}))
chisq_q <- do.call(rbind, lapply(dfs, function(df) data.frame(df = df, p = p_quantile, q = qchisq(p_quantile, df))))

t_cdf <- do.call(rbind, lapply(dfs, function(df) {
  x <- points(qt, df)
  # F(x) for x < 0 is the small tail; also record the two-sided p 2 F(−|x|)
  data.frame(df = df, x = x, cdf = pt(x, df), two_sided = 2 * pt(-abs(x), df))
}))
# qt itself is off by up to 2e-8 at p = 1e-300 (pt(qt(1e-300, 3), 3) = 9.99999977e-301), so its grid stops at 1e-100;
# the test checks far-tail t quantiles by the round trip through pt's values above
p_t_quantile <- p_quantile[p_quantile >= 1e-100]
t_q <- do.call(rbind, lapply(dfs, function(df) data.frame(df = df, p = p_t_quantile, q = qt(p_t_quantile, df))))

z <- sort(unique(c(-signif(qnorm(c(1e-300, 1e-200, 1e-100, 1e-50, 1e-20, 1e-10, 1e-5, 1e-3, 0.025, 0.1, 0.3)), 15),
                   0, 0.5, 1, 1.96, 3, 5, 10, 20, 37)))
normal <- data.frame(x = z, cdf = pnorm(z), two_sided = 2 * pnorm(-abs(z)))
normal_q <- data.frame(p = p_quantile, q = qnorm(p_quantile))

out <- list(
  generated_by = "scripts/reference/distributions.R",
  R = R.version.string,
  chisq = chisq, chisq_quantile = chisq_q,
  t = t_cdf, t_quantile = t_q,
  normal = normal, normal_quantile = normal_q
)
write_json(out, "test/fixtures/distributions.json", digits = NA, auto_unbox = TRUE, dataframe = "rows")
