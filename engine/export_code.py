"""The code the exported numpy script is made of (engine/export.py): each activation beside its derivative,
each loss, the output delta where it cancels, and the pass itself, written out from the formulas."""

LOSS_NAMES = {
    "mse": "mean squared error",
    "bce": "binary cross-entropy, Ng's K-class cost (sigmoid output)",
    "cross_entropy": "cross-entropy (softmax output)",
}

# Each activation g beside its derivative g'(z); g' is written only where the backward pass uses it.
ACTIVATION_CODE = {
    "sigmoid": (
        """def sigmoid(z):
    # σ(z) = 1 / (1 + e^(−z)), written with e^(−|z|) ≤ 1 on both sides of 0 so exp never overflows
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))""",
        """def sigmoid_prime(z):
    # σ'(z) = σ(z) (1 − σ(z)) = σ(z) σ(−z), without the cancellation in 1 − σ(z) for large z
    return sigmoid(z) * sigmoid(-z)""",
    ),
    "tanh": (
        """def tanh(z):
    return np.tanh(z)""",
        """def tanh_prime(z):
    # tanh'(z) = 1 − tanh²(z) = sech²(z), written as 4 e^(−2|z|) / (1 + e^(−2|z|))²
    # so that it neither overflows (as cosh does) nor cancels (as 1 − tanh² does near ±1)
    e = np.exp(-2.0 * np.abs(z))
    return 4.0 * e / (1.0 + e) ** 2""",
    ),
    "relu": (
        """def relu(z):
    return np.maximum(z, 0.0)""",
        """def relu_prime(z):
    # relu'(z) = 1 where z > 0, else 0 (0 at z = 0 too)
    return (z > 0).astype(float)""",
    ),
    "leaky_relu": (
        """LEAKY_SLOPE = 0.01


def leaky_relu(z):
    return np.where(z > 0, z, LEAKY_SLOPE * z)""",
        """def leaky_relu_prime(z):
    # 1 where z > 0, else the slope 0.01 (at z = 0 too)
    return np.where(z > 0, 1.0, LEAKY_SLOPE)""",
    ),
    "linear": (
        """def linear(z):
    return z""",
        """def linear_prime(z):
    return np.ones_like(z)""",
    ),
    "softmax": (
        """def softmax(z):
    # softmax(z)_k = e^(z_k) / Σ_j e^(z_j), each row shifted by its max first so exp never overflows
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)""",
        None,  # output layer only: delta^L uses its Jacobian (mse) or cancels it (cross-entropy)
    ),
}

LOSS_CODE = {
    "mse": """def loss_per_sample(z, a, y):
    # mean squared error: ℓ = ½ ‖a^L − y‖²
    return 0.5 * np.sum((a - y) ** 2, axis=1)""",
    "bce": """def loss_per_sample(z, a, y):
    # binary cross-entropy: ℓ = −Σ_k [y_k log a_k + (1 − y_k) log(1 − a_k)]. With a = σ(z) this is
    # Σ_k [log(1 + e^(z_k)) − y_k z_k], written from z so it never takes log(0):
    # np.logaddexp(0, z) = log(e^0 + e^z) = log(1 + e^z), computed without overflow
    return np.sum(np.logaddexp(0.0, z) - y * z, axis=1)""",
    "cross_entropy": """def loss_per_sample(z, a, y):
    # cross-entropy: ℓ = −Σ_k y_k log a_k = Σ_k y_k (logsumexp(z) − z_k), written from z so it never
    # takes log(0); logsumexp(z) = log Σ_j e^(z_j) = max(z) + log Σ_j e^(z_j − max(z))
    zmax = z.max(axis=1, keepdims=True)
    logsumexp = zmax + np.log(np.sum(np.exp(z - zmax), axis=1, keepdims=True))
    return np.sum(y * (logsumexp - z), axis=1)""",
}

CANCELS = """def output_delta(z, a, y):
    # δ^L = ∂ℓ/∂z^L = a^L − y: {why}
    return a - y"""

DELTA_CODE = {
    "bce": CANCELS.format(why="σ'(z) = a (1 − a) cancels the 1 / (a (1 − a)) in ∂ℓ/∂a"),
    "cross_entropy": CANCELS.format(why="softmax's Jacobian collapses, as each row of y sums to 1"),
    "mse_softmax": """def output_delta(z, a, y):
    # δ^L = ∂ℓ/∂z^L = Jᵀ d with d = ∂ℓ/∂a = a − y and softmax's Jacobian J = diag(a) − a aᵀ,
    # that is δ^L = a ⊙ (d − ⟨a, d⟩) for each sample
    d = a - y
    return a * (d - np.sum(a * d, axis=1, keepdims=True))""",
    "mse": """def output_delta(z, a, y):
    # δ^L = ∂ℓ/∂z^L = (a^L − y) ⊙ g'(z^L)
    return (a - y) * {g}_prime(z)""",
}

PASS_CODE = '''def forward(X):
    """Z[l] = z^l and A[l] = a^l for l = 1..L (A[0] = X), one row per sample."""
    Z, A = [None], [X]
    for l in range(1, L + 1):
        Z.append(A[l - 1] @ W[l].T + b[l])  # z^l = W^l a^(l−1) + b^l, every sample (row) at once
        A.append(g[l](Z[l]))  # a^l = g_l(z^l)
    return Z, A


def cost(Z, A):
    """J = (1/m) Σ_i ℓ_i + (λ/2m) Σ_l ‖W^l‖² (the biases are not regularised)."""
    m = Y.shape[0]
    J = np.sum(loss_per_sample(Z[L], A[L], Y)) / m
    if LAMBDA:
        J += LAMBDA / (2 * m) * sum(np.sum(W[l] ** 2) for l in range(1, L + 1))
    return float(J)


def backward(Z, A):
    """dW[l] = ∂J/∂W^l and db[l] = ∂J/∂b^l for l = 1..L.

    delta holds δ^l = ∂ℓ_i/∂z^l for every sample i, one row each. With samples as rows the
    column formula (W^(l+1))ᵀ δ^(l+1) becomes delta @ W[l + 1], and Σ_i δ_i (a_i)ᵀ becomes
    delta.T @ A[l − 1].
    """
    m = Y.shape[0]
    dW, db = [None] * (L + 1), [None] * (L + 1)
    delta = output_delta(Z[L], A[L], Y)  # δ^L
    for l in range(L, 0, -1):  # l = L, L − 1, ..., 1
        if l < L:
            delta = (delta @ W[l + 1]) * g_prime[l](Z[l])  # δ^l = (W^(l+1))ᵀ δ^(l+1) ⊙ g'(z^l)
        dW[l] = delta.T @ A[l - 1] / m  # dW^l = (1/m) Σ_i δ^l_i (a^(l−1)_i)ᵀ ...
        if LAMBDA:
            dW[l] = dW[l] + (LAMBDA / m) * W[l]  # ... + (λ/m) W^l
        db[l] = delta.sum(axis=0) / m  # db^l = (1/m) Σ_i δ^l_i
    return dW, db


def plain(value, name, warnings):
    """A number or array as JSON lists; inf or NaN becomes null (standard JSON) and a warning."""
    value = np.asarray(value, dtype=float)
    if not np.isfinite(value).all():
        warnings.append(f"{name} is not finite")
        value = np.where(np.isfinite(value), value, None)
    return value.tolist()


def main(as_json=False):
    Z, A = forward(X)
    J = cost(Z, A)
    dW, db = backward(Z, A)
    if as_json:
        warnings = []
        layers = [
            {"dW": plain(dW[l], f"dW^{l}", warnings), "db": plain(db[l], f"db^{l}", warnings)}
            for l in range(1, L + 1)
        ]
        out = {"loss": plain(J, "J", warnings), "layers": layers}
        if warnings:
            out["warnings"] = warnings
        print(json.dumps(out))
        return
    print(f"J = {J!r}")
    for l in range(1, L + 1):
        print(f"\\nlayer {l}: {LAYERS[l]} neurons, {ACTIVATIONS[l - 1]}")
        for name, value in ((f"dJ/dW^{l}", dW[l]), (f"dJ/db^{l}", db[l])):
            text = np.array2string(value, precision=6, max_line_width=100, prefix=f"{name} = ")
            print(f"{name} = {text}")


if __name__ == "__main__":
    args = sys.argv[1:]
    if args not in ([], ["--json"]):
        print(__doc__)
        sys.exit(0 if args in (["-h"], ["--help"]) else 2)
    main(as_json=args == ["--json"])
'''

NUMBERS_CODE = '''def numbers(text, *shape):
    """An array from whitespace-separated numbers: how the arrays too big for a list literal are stored."""
    return np.array([float(v) for v in text.split()]).reshape(shape)'''
