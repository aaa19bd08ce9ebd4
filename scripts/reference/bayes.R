# Reference values for src/meta/bayes.ts: the normal-normal random-effects model on the logit scale with a
# flat prior on mu and a half-normal(S) prior on tau, integrated numerically in base R on a fine tau grid
# (trapezoid rule, 400001 points up to where the density is < 1e-14 of its max). Own code; not bayesmeta.
# p(tau | y) ∝ p(tau) (sum w)^(-1/2) prod (v_i + tau^2)^(-1/2) exp(-Q(tau)/2)        (Röver 2020, JSS 93(6))
# mu | tau, y ~ N(muhat(tau), 1 / sum w);   theta_new | tau, y ~ N(muhat(tau), 1 / sum w + tau^2)
# yi, vi from metafor::escalc("PLO") (0.5 added to both cells of 0-event and all-event studies).
# Run: Rscript scripts/reference/bayes.R   (writes test/fixtures/bayes.json)
suppressPackageStartupMessages({ library(metafor); library(metadat); library(jsonlite) })

posterior <- function(yi, vi, S, level = 0.95, check = c(0, 0.1, 0.5, 1)) {
  logpost <- function(tau) vapply(tau, function(t) {
    w <- 1 / (vi + t^2); m <- sum(w * yi) / sum(w)
    -t^2 / (2 * S^2) - 0.5 * log(sum(w)) - 0.5 * sum(log(vi + t^2)) - 0.5 * sum(w * (yi - m)^2)
  }, 0)
  # range: grow the upper limit until the log density is 32 below the max found
  coarse <- seq(0, 50 * S + 10, length.out = 20001)
  lc <- logpost(coarse)
  upper <- max(coarse[lc > max(lc) - 32])
  tau <- seq(0, upper, length.out = 400001)
  lp <- logpost(tau)
  f <- exp(lp - max(lp))
  h <- tau[2] - tau[1]
  wt <- rep(h, length(tau)); wt[c(1, length(tau))] <- h / 2
  prob <- wt * f / sum(wt * f)
  cm <- vapply(tau, function(t) { w <- 1 / (vi + t^2); sum(w * yi) / sum(w) }, 0)
  cv <- vapply(tau, function(t) 1 / sum(1 / (vi + t^2)), 0)
  a <- (1 - level) / 2
  mixq <- function(p, s) uniroot(function(x) sum(prob * pnorm(x, cm, s)) - p,
                                 range(cm) + c(-40, 40) * max(s), tol = 1e-13)$root
  cdf <- c(0, cumsum((f[-1] + f[-length(f)]) / 2 * h)); cdf <- cdf / cdf[length(cdf)]
  tq <- function(p) approx(cdf, tau, xout = p, ties = "ordered")$y
  mu_ci <- c(mixq(a, sqrt(cv)), mixq(1 - a, sqrt(cv)))
  pi <- c(mixq(a, sqrt(cv + tau^2)), mixq(1 - a, sqrt(cv + tau^2)))
  mu_med <- mixq(0.5, sqrt(cv))
  dens_at <- function(t) exp(logpost(t) - max(lp)) / sum(wt * f)
  list(S = S, mu = list(median = mu_med, mean = sum(prob * cm), ci = mu_ci),
       tau = list(median = tq(0.5), mean = sum(prob * tau), ci = c(tq(a), tq(1 - a))),
       pi = pi, back = list(estimate = plogis(mu_med), ci = plogis(mu_ci), pi = plogis(pi)),
       density_check = list(tau = check, density = dens_at(check)))
}

one <- function(name, source, xi, ni, S = 0.5, check = c(0, 0.1, 0.5, 1)) {
  es <- escalc(measure = "PLO", xi = xi, ni = ni)
  c(list(name = name, source = source, xi = xi, ni = ni, yi = as.numeric(es$yi), vi = as.numeric(es$vi)),
    posterior(as.numeric(es$yi), as.numeric(es$vi), S, check = check))
}

p <- dat.pritz1997
out <- list(sets = list(
  one("pritz1997", "metadat::dat.pritz1997 (k = 14)", p$xi, p$ni),
  one("pritz1997_S1", "metadat::dat.pritz1997 (k = 14), half-normal scale 1", p$xi, p$ni, S = 1),
  one("small_k3", "made-up k = 3", c(3, 8, 14), c(20, 25, 31)),
  one("zero_and_all_events", "made-up k = 4 with a 0-event and an all-event study", c(0, 12, 9, 15), c(14, 12, 30, 25)),
  one("homogeneous", "made-up k = 4, posterior of tau piled near 0", c(10, 11, 9, 12), c(50, 52, 48, 55)),
  one("k2", "made-up k = 2", c(2, 9), c(30, 28)),
  # the largest prior scale bayes.ts accepts (100): the prior is flat in effect, the posterior of τ wide
  one("small_k3_S100", "made-up k = 3, half-normal scale 100", c(3, 8, 14), c(20, 25, 31), S = 100,
      check = c(0, 1, 5, 10)),
  one("k2_S100", "made-up k = 2, half-normal scale 100", c(2, 9), c(30, 28), S = 100, check = c(0, 1, 5, 10))
))
dir.create("test/fixtures", showWarnings = FALSE, recursive = TRUE)
write_json(out, "test/fixtures/bayes.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
