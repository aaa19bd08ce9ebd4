# Reference for the pooled hazard ratio of two trials of one comparison and endpoint (src/analysis/trials.ts,
# test/analysis/trials.test.ts): log HR with SE = (log high - log low) / (2 * qnorm(0.975)) from each printed 95% CI,
# metafor rma(REML, test = "knha"), exponentiated; REML iterated to 1e-12. (qnorm(0.975), as effectSizes.ts's Z975:
# with 1.96 the bounds move by 2e-6.)
# Run: Rscript scripts/reference/trials-hr.R  -> test/fixtures/trials-hr.json
suppressMessages({ library(metafor); library(jsonlite) })
hr <- c(0.34, 0.5); low <- c(0.20, 0.3125); high <- c(0.59, 0.8)
yi <- log(hr)
sei <- (log(high) - log(low)) / (2 * qnorm(0.975))
r <- rma(yi = yi, sei = sei, method = "REML", test = "knha", control = list(threshold = 1e-12, maxiter = 1000))
write_json(list(source = "metafor rma(yi = log HR, sei = (log high - log low)/(2*qnorm(0.975)), REML, knha) (scripts/reference/trials-hr.R)",
                r_version = R.version.string, metafor = as.character(packageVersion("metafor")),
                hr = hr, low = low, high = high,
                estimate = exp(as.numeric(r$b)), ci = exp(c(r$ci.lb, r$ci.ub)), tau2 = r$tau2, k = r$k),
           "test/fixtures/trials-hr.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
