# Reference values for src/meta/glmm.ts: the binomial-normal random-effects model for single proportions
# (logit link), fitted by maximum likelihood with metafor::rma.glmm (measure = "PLO", method = "ML"), which
# calls lme4::glmer with adaptive Gauss-Hermite quadrature. We use the largest nAGQ lme4 allows for a single
# scalar random effect (25) and tight bobyqa tolerances.
# lme4's logLik for nAGQ > 1 is not on the full-likelihood scale, so we take the log-likelihood from the
# exact oracle below.
# Run: Rscript scripts/reference/glmm.R   (writes test/fixtures/glmm.json)
suppressPackageStartupMessages({ library(metafor); library(metadat); library(jsonlite) })

ctrl <- list(glmerCtrl = list(optimizer = "bobyqa", optCtrl = list(rhoend = 1e-12, maxfun = 1e5),
                              tolPwrss = 1e-12))

# A second, independent oracle: the same likelihood integrated by stats::integrate (adaptive Gauss-Kronrod,
# rel.tol 1e-12) and maximised by optim over (mu, tau); SE from optimHess (finite differences) of (mu, tau).
exact_ml <- function(xi, ni, start) {
  ll <- function(p) sum(vapply(seq_along(xi), function(i) log(integrate(function(z)
    dbinom(xi[i], ni[i], plogis(p[1] + p[2] * z)) * dnorm(z), -Inf, Inf, rel.tol = 1e-12)$value), 0))
  o <- optim(start, function(p) -ll(p), method = "Nelder-Mead", control = list(reltol = 1e-14, maxit = 5000))
  o <- optim(o$par, function(p) -ll(p), method = "BFGS", control = list(reltol = 1e-15, maxit = 1000))
  tau <- abs(o$par[2])
  se <- if (tau > 1e-4) sqrt(solve(optimHess(c(o$par[1], tau), function(p) -ll(p)))[1, 1]) else
    sqrt(1 / optimHess(o$par[1], function(m) -ll(c(m, 0)))[1, 1])
  list(estimate = o$par[1], tau2 = tau^2, se = se, logLik = -o$value)
}

fit_one <- function(name, source, xi, ni) {
  res <- rma.glmm(measure = "PLO", xi = xi, ni = ni, method = "ML", nAGQ = 25, control = ctrl)
  pr <- predict(res)
  prb <- predict(res, transf = transf.ilogit)
  list(name = name, source = source, xi = xi, ni = ni,
       estimate = as.numeric(res$beta), se = res$se, ci = c(res$ci.lb, res$ci.ub), tau2 = res$tau2,
       pi = c(pr$pi.lb, pr$pi.ub), back = list(estimate = prb$pred, ci = c(prb$ci.lb, prb$ci.ub),
                                               pi = c(prb$pi.lb, prb$pi.ub)),
       exact = exact_ml(xi, ni, c(as.numeric(res$beta), max(sqrt(res$tau2), 0.1))))
}

p <- dat.pritz1997
small <- list(xi = c(3, 8, 14), ni = c(20, 25, 31))
edge <- list(xi = c(0, 12, 9, 15), ni = c(14, 12, 30, 25))
homog <- list(xi = c(10, 11, 9, 12), ni = c(50, 52, 48, 55))
two <- list(xi = c(2, 9), ni = c(30, 28))

out <- list(
  metafor_version = as.character(packageVersion("metafor")),
  lme4_version = as.character(packageVersion("lme4")),
  nAGQ = 25,
  sets = list(
    fit_one("pritz1997", "metadat::dat.pritz1997 (k = 14; includes two all-event studies)", p$xi, p$ni),
    fit_one("small_k3", "made-up k = 3", small$xi, small$ni),
    fit_one("zero_and_all_events", "made-up k = 4 with a 0-event and an all-event study", edge$xi, edge$ni),
    fit_one("homogeneous", "made-up k = 4, tau2 estimate on the boundary 0", homog$xi, homog$ni),
    fit_one("k2", "made-up k = 2", two$xi, two$ni),
    fit_one("large_tau", "made-up k = 3, all-event and 0-event studies, tau2 about 42", c(15, 0, 9), c(15, 10, 31))
  )
)
# Where no ML estimate exists, glmm() falls back to REML on the logit scale (Wald z): rma.uni references.
fallback_one <- function(name, xi, ni) {
  res <- rma(measure = "PLO", xi = xi, ni = ni, method = "REML", test = "z")
  list(name = name, xi = xi, ni = ni, estimate = as.numeric(res$beta), se = res$se, ci = c(res$ci.lb, res$ci.ub),
       tau2 = res$tau2)
}
out$fallback <- list(
  fallback_one("no_events", c(0, 0), c(10, 20)),
  fallback_one("zero_and_all_k2", c(0, 10), c(10, 10))
)
# guardRails' pft_warning: PFT (REML, Hartung-Knapp) back-transformed with the harmonic-mean n, and the GLMM.
pft <- rma(measure = "PFT", xi = p$xi, ni = p$ni, method = "REML", test = "knha")
pft_back <- predict(pft, transf = transf.ipft.hm, targs = list(ni = p$ni))$pred
out$pft_difference <- list(name = "pritz1997", measure = "PFT", method = "REML", test = "knha",
                           pft_back = pft_back, glmm_back = out$sets[[1]]$back$estimate,
                           difference = pft_back - out$sets[[1]]$back$estimate)
dir.create("test/fixtures", showWarnings = FALSE, recursive = TRUE)
write_json(out, "test/fixtures/glmm.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
