# Reference values for fits with many studies (Q's χ² p-value and the Q-profile τ² CI at k = 2 000 and 5 000, where
# the χ² functions need df in the thousands) and for the k = 2 Q-profile CI whose upper bound is beyond the search
# limit (metafor prints it as ">100"), computed with metafor's rma.uni + confint.
# Run: Rscript scripts/reference/large-k.R  → test/fixtures/large-k.json
suppressMessages({
  library(metafor)
  library(jsonlite)
})

ctrl <- list(threshold = 1e-12, tol = 1e-12, maxiter = 10000)

# yi and vi rounded to 6 decimals, so the JSON numbers are the data metafor saw
dataset <- function(k, tau2, seed) {
  set.seed(seed)
  vi <- round(runif(k, 0.01, 0.1), 6)
  yi <- round(rnorm(k, 0.3, sqrt(vi + tau2)), 6)
  list(yi = yi, vi = vi)
}

one_case <- function(data_name, d, method, test) {
  res <- rma.uni(d$yi, d$vi, method = method, test = test, control = ctrl)
  ci <- confint(res, control = list(tol = 1e-12, maxiter = 10000))
  list(
    name = paste(data_name, method, test), data = data_name, method = method, test = test,
    expected = list(
      k = res$k, estimate = res$b[1, 1], se = res$se, ci = c(res$ci.lb, res$ci.ub), pval = res$pval,
      tau2 = res$tau2, tau2_ci = unname(ci$random["tau^2", c("ci.lb", "ci.ub")]),
      Q = res$QE, Q_p = res$QEp, I2 = res$I2, H2 = res$H2
    )
  )
}

data <- list(
  homogeneous_2000 = dataset(2000, 0, 15),
  heterogeneous_5000 = dataset(5000, 0.01, 16),
  # two studies far apart: the upper bound of the τ² CI is beyond metafor's search limit, max(100, 10 τ̂²) = 100,
  # and confint() prints it as ">100.0000" (the value it returns is the limit, 100)
  k2_censored = list(yi = c(0.1, 1.5), vi = c(0.01, 0.02))
)
# metafor's rma.uni and confint work with k × k matrices (REML at k = 5 000 takes ~10 min here), so each large
# data set gets the fits the tests need: the Q-profile CI does not depend on the τ² estimator (only its search
# limit does, max(100, 10 τ̂²) = 100 for every fit here), so k = 5 000 is fitted with DL only.
plan <- list(
  list(data = "homogeneous_2000", method = "REML", test = "z"),
  list(data = "homogeneous_2000", method = "DL", test = "knha"),
  list(data = "heterogeneous_5000", method = "DL", test = "z"),
  list(data = "k2_censored", method = "REML", test = "z"),
  list(data = "k2_censored", method = "DL", test = "knha")
)
cases <- lapply(plan, function(p) one_case(p$data, data[[p$data]], p$method, p$test))

out <- list(
  generated_by = "scripts/reference/large-k.R",
  metafor = as.character(packageVersion("metafor")),
  R = R.version.string,
  data = data,
  cases = cases
)
write_json(out, "test/fixtures/large-k.json", digits = NA, auto_unbox = TRUE)
