# Reference values for src/meta/fixedTau.ts: metafor::rma(yi, vi, tau2 = <fixed>, test = ...) + predict(), on
# dat.pritz1997 (PLO) and a k = 3 set, for several fixed tau^2 values and both CI tests.
# Run: Rscript scripts/reference/fixed-tau.R   (writes test/fixtures/fixed-tau.json)
suppressPackageStartupMessages({ library(metafor); library(metadat); library(jsonlite) })

cases <- function(name, xi, ni, measure) {
  dat <- escalc(measure = measure, xi = xi, ni = ni, add = 1/2, to = "only0")
  rows <- list()
  for (tau2 in c(0, 0.01, 0.1, 0.5, 2)) for (test in c("z", "knha")) {
    res <- rma(yi, vi, data = dat, tau2 = tau2, test = test)
    pr <- predict(res)
    bt <- predict(res, transf = transf.ilogit)
    rows[[length(rows) + 1]] <- list(tau2 = tau2, test = test, estimate = as.numeric(coef(res)), se = res$se,
                                     ci = c(res$ci.lb, res$ci.ub), pi = c(pr$pi.lb, pr$pi.ub),
                                     back = list(estimate = bt$pred, ci = c(bt$ci.lb, bt$ci.ub), pi = c(bt$pi.lb, bt$pi.ub)))
  }
  list(name = name, measure = measure, xi = xi, ni = ni, rows = rows)
}
p <- dat.pritz1997
out <- list(sets = list(cases("pritz1997", p$xi, p$ni, "PLO"), cases("small_k3", c(3, 8, 14), c(20, 25, 31), "PLO")))
write_json(out, "test/fixtures/fixed-tau.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
