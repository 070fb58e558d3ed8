# judge: adam-step
def adam_step(params: list[float], grads: list[float], m: list[float], v: list[float], t: int,
              lr: float, beta1: float, beta2: float, eps: float) -> list[list[float]]:
    # Update m and v, bias-correct them with this step's t, update params;
    # return [new_params, new_m, new_v].
    raise NotImplementedError
