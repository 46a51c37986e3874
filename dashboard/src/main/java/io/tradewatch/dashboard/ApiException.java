package io.tradewatch.dashboard;

/**
 * An HTTP error with a message for people: answered as {@code {"error": …, "parameter": …}}. {@code
 * parameter} names the query parameter at fault on a 400, else it is null.
 */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String parameter;

  ApiException(int status, String message, String parameter) {
    super(message);
    this.status = status;
    this.parameter = parameter;
  }

  static ApiException badParameter(String parameter, String problem) {
    return new ApiException(400, "query parameter '" + parameter + "' " + problem, parameter);
  }

  static ApiException unavailable(String message) {
    return new ApiException(503, message, null);
  }

  int status() {
    return status;
  }

  String parameter() {
    return parameter;
  }
}
