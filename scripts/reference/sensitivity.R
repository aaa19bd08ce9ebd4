# Reference values for src/meta/sensitivity.ts: the pooled proportion (back-transformed) and its 95% CI under
# PLO/PAS/PFT x DL/REML/PM x z/knha with metafor::rma (tight tau2 tolerances) + predict(transf = ...). The GLMM and Bayesian rows are
# checked against test/fixtures/glmm.json and bayes.json (same data sets).
# Run: Rscript scripts/reference/sensitivity.R   (writes test/fixtures/sensitivity.json)
suppressPackageStartupMessages({ library(metafor); library(metadat); library(jsonlite) })

models <- function(name, xi, ni) {
  rows <- list()
  for (measure in c("PLO", "PAS", "PFT")) for (method in c("DL", "REML", "PM")) for (test in c("z", "knha")) {
    res <- rma(measure = measure, xi = xi, ni = ni, method = method, test = test,
               control = list(threshold = 1e-12, tol = 1e-12, maxiter = 10000))
    pr <- switch(measure,
      PLO = predict(res, transf = transf.ilogit),
      PAS = predict(res, transf = transf.iarcsin),
      PFT = predict(res, transf = transf.ipft.hm, targs = list(ni = ni)))
    rows[[length(rows) + 1]] <- list(model = paste(measure, method, test, sep = "/"), estimate = pr$pred,
                                     ci = c(pr$ci.lb, pr$ci.ub), tau2 = res$tau2)
  }
  list(name = name, xi = xi, ni = ni, rows = rows)
}
p <- dat.pritz1997
out <- list(sets = list(models("pritz1997", p$xi, p$ni), models("small_k3", c(3, 8, 14), c(20, 25, 31))))
write_json(out, "test/fixtures/sensitivity.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
