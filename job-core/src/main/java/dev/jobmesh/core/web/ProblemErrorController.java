package dev.jobmesh.core.web;

import java.io.IOException;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Boot's error page ({@code /error}, where a servlet container forwards an error no handler answered): a problem
 * body in place of Boot's JSON map or Whitelabel HTML.
 */
@Controller
final class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code
                ? code : HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
        response.setStatus(status);
        response.setContentType(ServerErrorProblem.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(ServerErrorProblem.json(status));
    }
}
