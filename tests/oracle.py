"""An independent implementation of J with autograd, written naively from the formulas.

Used only as a test oracle: no shared code with engine/ beyond the config's numbers.
"""

import autograd.numpy as anp
from autograd import grad
from autograd.scipy.special import logsumexp


def act(name, z):
    if name == "sigmoid":
        return 1.0 / (1.0 + anp.exp(-z))
    if name == "tanh":
        return anp.tanh(z)
    if name == "relu":
        return anp.where(z > 0, z, 0.0 * z)
    if name == "leaky_relu":
        return anp.where(z > 0, z, 0.01 * z)
    if name == "linear":
        return z
    e = anp.exp(z - anp.max(z, axis=1, keepdims=True))
    return e / anp.sum(e, axis=1, keepdims=True)


def sample_losses(name, z, a, y):
    # log a and log(1 - a) in a form of their own (-log(1 + e^-z), -log(1 + e^z), z - logsumexp z), so a
    # saturated output does not turn the oracle itself into inf
    if name == "mse":
        return 0.5 * anp.sum((a - y) ** 2, axis=1)
    if name == "bce":
        return anp.sum(y * anp.logaddexp(0.0, -z) + (1 - y) * anp.logaddexp(0.0, z), axis=1)
    return -anp.sum(y * (z - logsumexp(z, axis=1, keepdims=True)), axis=1)


def _J(Ws, bs, es, x, y, acts, loss, l2, total=False):
    a = x
    for W, b, e, g in zip(Ws, bs, es, acts):
        z = anp.dot(a, W.T) + b + e
        a = act(g, z)
    ell = sample_losses(loss, z, a, y)
    if total:  # sum of per-sample losses: its gradient in e^l is the per-sample delta
        return anp.sum(ell)
    m = x.shape[0]
    return anp.mean(ell) + l2 / (2.0 * m) * sum(anp.sum(W**2) for W in Ws)


def oracle(params, x, y, acts, loss, l2):
    """J, [dW], [db], [delta] from autograd."""
    import numpy as np

    Ws = [W for W, _ in params]
    bs = [b for _, b in params]
    es = [np.zeros((x.shape[0], W.shape[0])) for W in Ws]
    J = _J(Ws, bs, es, x, y, acts, loss, l2)
    dWs = grad(lambda Ws_: _J(Ws_, bs, es, x, y, acts, loss, l2))(Ws)
    dbs = grad(lambda bs_: _J(Ws, bs_, es, x, y, acts, loss, l2))(bs)
    deltas = grad(lambda es_: _J(Ws, bs, es_, x, y, acts, loss, l2, total=True))(es)
    return J, dWs, dbs, deltas
